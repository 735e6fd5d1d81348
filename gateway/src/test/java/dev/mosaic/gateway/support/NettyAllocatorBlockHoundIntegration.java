package dev.mosaic.gateway.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive allocator takes a {@code StampedLock} for a few instructions while it adds a
 * magazine under contention; BlockHound sees the park, though it is Netty's own short internal
 * critical section, not I/O. Allowed for exactly that method, nothing wider.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    }
}
