# case: a signed modulo guarded by `r2 s>= 0`, which still admits a zero divisor (BPF defines x s% 0 = x: a warning)
# kernel: accept
# expect: div.by_zero @ insn 5
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 12)  # rx_queue_index
        r2 -= 4
        r0 = 2
        if r2 s< 0 goto out
        r3 = *(u32 *)(r1 + 16)  # ingress_ifindex
        r3 s%= r2               # r2 may be 0
        r0 = 2
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
