# case: bpf_loop with a callback in an object without BTF: the kernel needs func info to know the callback is static, and refuses the callback's address ("missing btf func_info")
# kernel: reject
# expect: call.no_func_info @ insn 1
        .section xdp,"ax"
        .globl prog
        .type prog,@function
prog:
        r1 = 4                          # nr_loops
        r2 = step ll                    # callback_fn
        r3 = 0                          # callback_ctx
        r4 = 0                          # flags
        call 181                        # bpf_loop
        r0 = 2
        exit
        .size prog, .-prog

        .text
        .type step,@function
step:
        r0 = 0
        exit
        .size step, .-step

        .section license,"aw"
        .asciz "GPL"
