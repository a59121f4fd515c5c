"""部门整体绩效评价 (domain.md §7): a department's own figures, its project forms rolled up, a score.

`figures` reads the department's budget and execution figures; `evaluation` rolls the checked
project forms up and scores the whole under the policy's `[department]` settings; `report`
writes the Word report.
"""
