# case: bpf_csum_diff(NULL, 0, to, 4, seed): a NULL `from` with a size of 0 is allowed (ARG_PTR_TO_MEM | PTR_MAYBE_NULL, zero-byte read from NULL), so only `to` is read
# type: sched_cls
# expect: pass
# kernel: accept
        .section tc,"ax"
        r1 = 0
        *(u32 *)(r10 - 4) = r1
        r2 = 0
        r3 = r10
        r3 += -4
        r4 = 4
        r5 = 0
        call 28                         # bpf_csum_diff
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
