package io.matterhorn.io;

/**
 * A module (or a surrogate or activation inside one) that no registered codec can describe, so it cannot be
 * stored in a whole-model file. The message names the module's path and class and how to register a codec;
 * the model can still be saved as a state dict ({@link io.matterhorn.snn.Module#stateDict()}).
 */
public class UndescribableModuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names the module and how to register a codec */
    public UndescribableModuleException(String message) {
        super(message);
    }
}
