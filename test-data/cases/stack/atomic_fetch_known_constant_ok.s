# case: an atomic fetch-add on a stack slot holding a known constant returns that constant, as the kernel's check_atomic_rmw loads the old value through check_mem_access: added to a packet pointer it keeps the offset checkable (found by the generator's kernel differential)
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        *(u64 *)(r10 - 8) = 0
        r0 = 1
        r0 = atomic_fetch_add((u64 *)(r10 - 8), r0)
        r4 = r2
        r4 += r0
        r5 = r4
        r5 += 4
        if r5 > r3 goto out
        r0 = *(u32 *)(r4 + 0)
out:
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
