# case: a load through r2, which was never written, as the base pointer
# type: xdp
# expect: uninit.register @ insn 0
# kernel: reject
# xfail: bpfcheck also reports pointer.not_pointer at insn 0: read_reg() reports uninit.register and turns r2 into an unknown scalar, then access_memory() reports the same fault again as a dereference of a number
        .section xdp,"ax"
        r0 = *(u32 *)(r2 + 0)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
