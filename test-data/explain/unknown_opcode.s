# case: an instruction with opcode 0xff, which no BPF instruction class defines
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        .globl prog
        .type prog,@function
prog:
        r0 = 0
        .quad 0x00000000000000ff
        exit
.Lprog_end:
        .size prog, .Lprog_end-prog

        .section license,"aw"
        .asciz "GPL"
