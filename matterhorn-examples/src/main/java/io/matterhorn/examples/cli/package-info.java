/**
 * Command-line option parsing and a progress bar for the examples.
 */
package io.matterhorn.examples.cli;
