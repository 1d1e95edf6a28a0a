package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link ScopedArrays}: reuse across iterations of one scope, never within one, never outside scopes. */
class ScopedArraysTest {

    @Test
    void anArrayIsReusedByTheNextIterationOfTheSameScope() {
        float[] first;
        float[] second;
        try (MemoryScope scope = MemoryScope.open("scoped-arrays-test")) {
            first = ScopedArrays.floats(1000);
            second = ScopedArrays.floats(1000);
            assertNotSame(first, second, "two live arrays of one iteration");
        }
        try (MemoryScope scope = MemoryScope.open("scoped-arrays-test")) {
            float[] again = ScopedArrays.floats(1000);
            float[] again2 = ScopedArrays.floats(1000);
            assertSame(second, again, "reused (last returned first)");
            assertSame(first, again2);
            assertNotSame(first, ScopedArrays.floats(1000), "a third array is new");
            assertEquals(7, ScopedArrays.floats(7).length);
        }
    }

    @Test
    void outsideScopesEveryArrayIsNew() {
        assertNotSame(ScopedArrays.floats(10), ScopedArrays.floats(10));
        try (MemoryScope scope = MemoryScope.open("scoped-arrays-outside")) {
            ScopedArrays.floats(10);
        }
        try (MemoryScope scope = MemoryScope.open("scoped-arrays-outside")) {
            float[] inOutside = MemoryScope.outside(() -> ScopedArrays.floats(10));
            float[] inScope = ScopedArrays.floats(10);
            assertNotSame(inOutside, inScope, "MemoryScope.outside does not borrow from the scope's pool");
        }
    }

    @Test
    void scopesOfDifferentNamesDoNotShare() {
        float[] a;
        try (MemoryScope scope = MemoryScope.open("scoped-arrays-a")) {
            a = ScopedArrays.floats(64);
        }
        try (MemoryScope scope = MemoryScope.open("scoped-arrays-b")) {
            assertNotSame(a, ScopedArrays.floats(64));
        }
    }

    @Test
    void closingTwiceDoesNotCloseTheOuterScope() {
        float[] outerArray;
        try (MemoryScope outer = MemoryScope.open("scoped-arrays-outer")) {
            MemoryScope inner = MemoryScope.open("scoped-arrays-inner");
            inner.close();
            inner.close();
            outerArray = ScopedArrays.floats(32);
        }
        try (MemoryScope outer = MemoryScope.open("scoped-arrays-outer")) {
            assertSame(outerArray, ScopedArrays.floats(32), "the outer frame was still open when the array was taken");
        }
    }

    @Test
    void negativeLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScopedArrays.floats(-1));
    }
}
