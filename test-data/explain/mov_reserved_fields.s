# case: a register move from an immediate (opcode 0xb7) whose source register field is not zero
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        .globl prog
        .type prog,@function
prog:
        .quad 0x00000000000010b7
        exit
.Lprog_end:
        .size prog, .Lprog_end-prog

        .section license,"aw"
        .asciz "GPL"
