# case: a cgroup_skb program returns its context pointer instead of a verdict
# type: cgroup_skb
# kernel: reject
# expect: exit.return_range @ insn 1
        .section cgroup_skb/ingress,"ax"
prog:
        r0 = r1
        exit

        .section license,"aw"
        .asciz  "GPL"
