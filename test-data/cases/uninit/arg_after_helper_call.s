# case: hand-written code reuses r1 (the context) after a helper call; calls clobber r1-r5
# type: xdp
# expect: uninit.register @ insn 1
# kernel: reject
        .section xdp,"ax"
        call 7                          # bpf_get_prandom_u32
        r2 = r1
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
