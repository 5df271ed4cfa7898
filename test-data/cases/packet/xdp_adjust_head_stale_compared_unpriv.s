# case: the same stale packet pointer compared after bpf_xdp_adjust_head by a loader without CAP_PERFMON: mark_reg_invalid leaves it uninitialised ("R6 !read_ok")
# type: xdp
# args: --unprivileged
# expect: uninit.register @ insn 4
# kernel: reject
        .section xdp,"ax"
        r6 = *(u32 *)(r1 + 0)           # ctx->data
        r2 = 0
        call 44                         # bpf_xdp_adjust_head(ctx, 0)
        r0 = 2
        if r6 != 0 goto out
        r0 = 1
out:
        exit

        .section license,"aw"
        .asciz "GPL"
