# case: R0 is set only when the packet is long enough; the short-packet path exits with R0 unset
# kernel: reject
# expect: exit.r0_uninit @ insn 7
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 0)   # data
        r3 = *(u32 *)(r1 + 4)   # data_end
        r2 += 14
        if r2 > r3 goto out     # short frame: falls out with R0 unset
        r0 = 2
        r0 += 0
        r0 &= 3
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
