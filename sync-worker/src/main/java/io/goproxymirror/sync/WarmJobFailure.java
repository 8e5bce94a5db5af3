package io.goproxymirror.sync;

/** A version of a warm job that could not be stored, and why. */
public record WarmJobFailure(ModuleVersion version, String reason) {}
