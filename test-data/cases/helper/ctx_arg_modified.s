# case: a context pointer moved by -612 is passed to bpf_get_socket_cookie, whose argument must be the context itself (check_func_arg_reg_off: "negative offset ctx ptr R1 off=-612 disallowed")
# kernel: reject
# expect: helper.arg_type @ insn 1
        .section socket,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 += -612
        call 46
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
