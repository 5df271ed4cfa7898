# case: R0 is set before the branch, so both paths to exit return a value
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r0 = 1                  # XDP_DROP for short frames
        r2 = *(u32 *)(r1 + 0)   # data
        r3 = *(u32 *)(r1 + 4)   # data_end
        r2 += 14
        if r2 > r3 goto out
        r0 = 2                  # XDP_PASS
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
