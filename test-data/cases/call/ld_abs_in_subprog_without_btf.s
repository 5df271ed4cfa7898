# case: an LD_ABS packet load in a subprogram of an object without BTF: a subprogram may leave abnormally (LD_ABS, tail calls) only when func info types it ("LD_ABS is not allowed in subprogs without BTF")
# kernel: reject
# expect: call.no_func_info @ insn 5
        .section socket,"ax"
        .globl prog
        .type prog,@function
prog:
        r6 = r1
        call proto
        r0 = 0
        exit
        .size prog, .-prog

        .text
        .type proto,@function
proto:
        r6 = r1
        r0 = *(u16 *)skb[12]            # LD_ABS: the ethertype
        exit
        .size proto, .-proto

        .section license,"aw"
        .asciz "GPL"
