# case: the divisor is non-zero as a 64-bit value (1 << 32) but a 32-bit division uses only its low half, which is 0
# kernel: accept
# expect: div.by_zero @ insn 5
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 12)  # rx_queue_index
        r2 |= 1
        r2 <<= 32               # non-zero, low 32 bits all zero
        r0 = *(u32 *)(r1 + 16)  # ingress_ifindex
        w0 = w0
        w0 /= w2                # divides by w2 == 0
        w0 &= 1
        w0 += 1
        exit

        .section license,"aw"
        .asciz  "GPL"
