# case: bpf_csum_diff's `from` may be NULL (ARG_PTR_TO_MEM | PTR_MAYBE_NULL), but only with a size of 0 (check_helper_mem_access allows a zero-byte read from NULL); a size that may be 64 is refused
# type: sched_cls
# expect: helper.arg_type @ insn 8
# kernel: reject
        .section tc,"ax"
        r2 = *(u32 *)(r1 + 0)           # skb->len
        r1 = 0
        r2 &= 64
        r3 = 0
        r4 = 0
        r5 = 0
        *(u64 *)(r10 - 8) = r3
        r0 = 0
        call 28                         # bpf_csum_diff
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
