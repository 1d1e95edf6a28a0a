/**
 * File formats read without ND4J, shared by the training library and the streaming runtime: the safetensors
 * container ({@link io.matterhorn.format.SafeTensorsFile}) and strict JSON ({@link io.matterhorn.format.StrictJson}).
 * Every reader bounds what it allocates by what the file really holds and reports a bad file with a
 * {@link io.matterhorn.format.ModelFormatException} naming the file and the problem.
 */
package io.matterhorn.format;
