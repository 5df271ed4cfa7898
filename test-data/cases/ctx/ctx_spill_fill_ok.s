# case: the context pointer is copied through the stack and through another register before a field load; copies stay the unmodified context
# type: sched_cls
# expect: pass
# kernel: accept
        .section tc,"ax"
        *(u64 *)(r10 - 8) = r1
        r1 = 0
        r3 = *(u64 *)(r10 - 8)
        r4 = r3
        r0 = *(u32 *)(r4 + 8)           # mark
        r0 &= 1
        exit

        .section license,"aw"
        .asciz "GPL"
