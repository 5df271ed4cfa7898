# case: r3 is assigned on both branches before the join reads it
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 16)          # rx_queue_index
        r3 = 0
        if r2 == 0 goto join
        r3 = 1
join:
        r0 = 2
        r0 += r3
        r0 &= 3
        exit

        .section license,"aw"
        .asciz "GPL"
