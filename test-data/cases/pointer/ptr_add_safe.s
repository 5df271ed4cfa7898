# case: 64-bit adds of constants to a stack pointer, and a bounded scalar added to a packet pointer after a check
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 0)   # data
        r3 = *(u32 *)(r1 + 4)   # data_end
        r4 = r10
        r4 += -16
        r4 += 8                 # r10 - 8
        r5 = 7
        *(u64 *)(r4 + 0) = r5
        r5 = *(u64 *)(r10 - 8)
        r5 &= 7
        r2 += r5
        r6 = r2
        r6 += 1
        r0 = 2
        if r6 > r3 goto out
        r0 = *(u8 *)(r2 + 0)
        r0 &= 1
        r0 += 1
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
