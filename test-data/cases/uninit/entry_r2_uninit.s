# case: at program entry only r1 (the context) and r10 are set; r2 is read before anything writes it
# type: xdp
# expect: uninit.register @ insn 0
# kernel: reject
        .section xdp,"ax"
        r0 = r2
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
