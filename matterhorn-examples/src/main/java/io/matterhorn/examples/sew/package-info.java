/**
 * The SEW-ResNet example.
 */
package io.matterhorn.examples.sew;
