# case: a signed division (cpu v4 sdiv) by a value checked to be greater than 0
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 12)  # rx_queue_index
        r2 -= 4                 # may be negative or zero
        r0 = 2
        if r2 s<= 0 goto out
        r3 = *(u32 *)(r1 + 16)  # ingress_ifindex
        r3 s/= r2
        r3 s%= r2
        r0 = 2
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
