# case: 32-bit arithmetic on the packet pointer (`w2 += 14`) is prohibited
# kernel: reject
# expect: pointer.arithmetic @ insn 3
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 0)   # data
        r3 = *(u32 *)(r1 + 4)   # data_end
        r0 = 2
        w2 += 14
        if r2 > r3 goto out
        r0 = 1
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
