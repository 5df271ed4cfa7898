# case: a checked packet pointer is spilled to the stack and filled back; the fill keeps the proven range
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r4 = r2
        r4 += 14
        if r4 > r3 goto drop
        *(u64 *)(r10 - 8) = r2
        r2 = 0
        r5 = *(u64 *)(r10 - 8)
        r0 = *(u16 *)(r5 + 12)
        r0 &= 1
        r0 += 1
        exit
drop:
        r0 = 1
        exit

        .section license,"aw"
        .asciz "GPL"
