/**
 * What the sources give, as text, before conversion: the YAML file flattened into entries, a value
 * with its origin ({@code RawValue}), an entry of a list key ({@code ListItem}), {@code ${VAR}}
 * substitution, the checks of the environment variables and files a key names, and "did you mean"
 * suggestions.
 *
 * <p>Knows no key of the configuration. Depends on {@code value} and gomod's path globs only.
 */
package io.goproxymirror.config.source;

import io.goproxymirror.config.value.ConfigException;
