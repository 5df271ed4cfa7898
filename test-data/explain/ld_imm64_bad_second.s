# case: a 64-bit immediate load (opcode 0x18) whose second slot is not the zero-opcode half the format asks for
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        .globl prog
        .type prog,@function
prog:
        .quad 0x0000000000000018
        .quad 0x00000000000000b7
        r0 = 0
        exit
.Lprog_end:
        .size prog, .Lprog_end-prog

        .section license,"aw"
        .asciz "GPL"
