# case: a division by the immediate 0 (e.g. a macro expanded to 0): the kernel refuses it at load time ("div by zero")
# kernel: reject
# expect: div.by_zero @ insn 1
#
        .section xdp,"ax"
prog:
        r0 = *(u32 *)(r1 + 12)  # rx_queue_index
        r0 /= 0
        r0 = 2
        exit

        .section license,"aw"
        .asciz  "GPL"
