# case: bpf_xdp_adjust_head is called with r2 (the delta) never set
# type: xdp
# expect: uninit.register @ insn 0
# kernel: reject
        .section xdp,"ax"
        call 44                         # bpf_xdp_adjust_head(ctx, delta)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
