# case: with CAP_BPF the same 4098-instruction program loads (the limit is 1,000,000)
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        .rept 4097
        r0 = 0
        .endr
        exit

        .section license,"aw"
        .asciz  "GPL"
