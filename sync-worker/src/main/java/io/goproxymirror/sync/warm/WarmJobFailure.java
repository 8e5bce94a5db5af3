package io.goproxymirror.sync.warm;

import io.goproxymirror.sync.port.ModuleVersion;

/** A version of a warm job that could not be stored, and why. */
public record WarmJobFailure(ModuleVersion version, String reason) {}
