# case: a packet pointer kept in r6 across bpf_xdp_adjust_head is only compared with 0 afterwards: clear_all_pkt_pointers -> mark_reg_invalid makes it an unknown number for a loader with CAP_PERFMON (allow_ptr_leaks), and comparing a number is fine
# type: xdp
# expect: pass
# kernel: accept
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
