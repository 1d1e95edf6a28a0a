package io.matterhorn.nativebench;

import io.matterhorn.kernel.Availability;
import io.matterhorn.kernel.Backends;
import io.matterhorn.kernel.KernelProvider;

/** Picks a kernel provider by name for a benchmark, or says why it cannot run here. */
final class KernelChoice {
    private KernelChoice() {
    }

    /**
     * @param name {@code java}, {@code native} or {@code cuda}
     * @return the available provider of that name
     * @throws IllegalStateException naming the reason when the provider is missing or unavailable (JMH reports it
     *                               for that parameter value and goes on with the next)
     */
    static KernelProvider provider(String name) {
        for (KernelProvider p : Backends.discover()) {
            if (p.name().equals(name)) {
                Availability a = p.availability();
                if (!a.available()) {
                    throw new IllegalStateException("backend " + name + " is not available here: " + a.reason());
                }
                return p;
            }
        }
        throw new IllegalStateException("no kernel provider named '" + name + "' on the class path");
    }
}
