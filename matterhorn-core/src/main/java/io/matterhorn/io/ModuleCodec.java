package io.matterhorn.io;

import io.matterhorn.snn.Module;

/**
 * Describes one module class as constructor settings and rebuilds it from them, for whole-model files
 * ({@link Models}). Parameters and buffers are not part of the description: they travel in the state dict and are
 * loaded after {@link #build}. The step mode is recorded and restored by {@link Architecture} for every module.
 *
 * <p>Register a codec for a class of your own with {@link Architecture#register}. Implementations must be
 * stateless (they may be called from several threads).
 *
 * @param <M> the module class
 */
public interface ModuleCodec<M extends Module> {

    /**
     * Writes the settings that {@link #build} needs into {@code config} (through the module's public getters).
     *
     * @param module the module
     * @param config where to write; {@link ModuleConfig#putModule} describes child modules
     */
    void describe(M module, ModuleConfig config);

    /**
     * @param config the settings written by {@link #describe}
     * @return a new module of the same architecture (parameter values are loaded afterwards)
     */
    M build(ModuleConfig config);

    /**
     * Settings written by {@link #describe} whose values are parameters (such as {@code tau_m}): they change during
     * training, so {@link Architecture#sameArchitecture} ignores them.
     *
     * @return their names (empty by default)
     */
    default java.util.Set<String> parameterSettings() {
        return java.util.Set.of();
    }
}
