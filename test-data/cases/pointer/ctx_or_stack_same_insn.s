# case: one load instruction reads through the context on one path and through the stack on the other
# kernel: reject
# expect: pointer.ambiguous @ insn 7
#
        .section xdp,"ax"
prog:
        r6 = r1
        r2 = 0
        *(u64 *)(r10 - 8) = r2
        r3 = *(u32 *)(r1 + 12)  # rx_queue_index
        if r3 == 0 goto load
        r6 = r10
        r6 += -8
load:
        r0 = *(u32 *)(r6 + 0)   # ctx->data or the stack slot
        r0 = 2
        exit

        .section license,"aw"
        .asciz  "GPL"
