# case: 4-byte load at xdp_md offset 2 straddles data and data_end halves; context loads must be aligned to a field
# type: xdp
# expect: ctx.bad_access @ insn 0
# kernel: reject
        .section xdp,"ax"
        r0 = *(u32 *)(r1 + 2)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
