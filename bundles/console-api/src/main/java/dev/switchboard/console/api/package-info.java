/**
 * The console's UI SPI: plugins contribute {@link dev.switchboard.console.api.ConsolePanel} services to named
 * slots; the console tracks them and adds or removes them in open pages as bundles come and go.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.console.api;
