# case: a 64-bit immediate load (opcode 0x18) whose second half is missing: the program ends after its first slot
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        .globl prog
        .type prog,@function
prog:
        r0 = 0
        exit
        .quad 0x0000000000000018
.Lprog_end:
        .size prog, .Lprog_end-prog

        .section license,"aw"
        .asciz "GPL"
