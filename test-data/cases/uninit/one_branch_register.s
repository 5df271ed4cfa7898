# case: r3 is assigned on the taken branch only; the join reads it on both paths
# type: xdp
# expect: uninit.register @ insn 4
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 16)          # rx_queue_index
        if r2 == 0 goto join
        r3 = 1
join:
        r0 = 2
        r0 += r3
        r0 &= 3
        exit

        .section license,"aw"
        .asciz "GPL"
