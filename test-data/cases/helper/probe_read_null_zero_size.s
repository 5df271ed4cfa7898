# case: bpf_probe_read_kernel's destination may not be NULL (ARG_PTR_TO_UNINIT_MEM, not PTR_MAYBE_NULL): a number is refused as the buffer even with a size of 0, as check_func_arg checks the type before the size
# type: kprobe
# expect: helper.arg_type @ insn 3
# kernel: reject
        .section kprobe/do_nanosleep,"ax"
        r1 = 0
        r2 = 0
        r3 = 0
        call 113                        # bpf_probe_read_kernel
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
