# case: a load through r2, which was never written, as the base pointer
# type: xdp
# expect: uninit.register @ insn 0
# kernel: reject
#
        .section xdp,"ax"
        r0 = *(u32 *)(r2 + 0)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
