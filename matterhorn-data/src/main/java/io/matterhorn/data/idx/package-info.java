/**
 * Reader for the IDX binary format used by the MNIST database.
 *
 * <p>An IDX file starts with a big-endian header: two zero bytes, one element-type byte ({@code 0x08} for unsigned
 * bytes), one byte giving the number of dimensions, and then one 32-bit size per dimension. The elements follow in
 * row-major order. {@link io.matterhorn.data.idx.IdxReader} reads unsigned-byte IDX files, plain or gzip-compressed,
 * into an immutable {@link io.matterhorn.data.idx.IdxArray}.
 */
package io.matterhorn.data.idx;
