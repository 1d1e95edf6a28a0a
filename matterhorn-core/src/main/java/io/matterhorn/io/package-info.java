/**
 * Files of models and training runs: whole-model files ({@link io.matterhorn.io.Models}: a safetensors file whose
 * tensors are the state dict under PyTorch names and whose metadata is the architecture as JSON), state dicts
 * alone ({@link io.matterhorn.io.SafeTensors}), and training checkpoints ({@link io.matterhorn.io.Checkpoint}:
 * model, optimiser state, epoch, random state). The architecture JSON is written and read by
 * {@link io.matterhorn.io.Architecture} through one {@link io.matterhorn.io.ModuleCodec} per module type (the
 * built-in ones are registered by name, so files name module types, not Java classes); user modules register
 * their own. A file that cannot be read or does not fit the model is a
 * {@link io.matterhorn.io.ModelFileException}; a module no codec describes is an
 * {@link io.matterhorn.io.UndescribableModuleException}.
 */
package io.matterhorn.io;
