# case: the same bounded loop is fine with CAP_BPF (the kernel walks its 4 iterations)
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        r0 = 0
loop:
        r0 += 1
        if r0 > 3 goto out
        goto loop
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
