# case: a 64-bit immediate load marked as a map fd (src_reg 1, BPF_PSEUDO_MAP_FD) with an fd that is no map
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        .quad 0x000003e700001118
        .quad 0x0000000000000000
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
