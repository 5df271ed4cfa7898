# case: the same divisor (1 << 32 | x) in a 64-bit division is never zero
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 12)  # rx_queue_index
        r2 |= 1
        r2 <<= 32
        r0 = *(u32 *)(r1 + 16)  # ingress_ifindex
        r0 /= r2
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz  "GPL"
