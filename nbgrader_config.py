"""nbgrader settings for the course.

``solutions/`` holds the instructor notebooks (the single source) and ``exercises/``
the student versions that ``clinic release`` (``nbgrader generate_assignment``)
generates from them. Run nbgrader from the repository root to use these settings.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# The starting point stays in the student's copy; the solution region becomes this line,
# so an unchanged notebook runs and hands in the chapter's broken model.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# A cell may train a model for a few seconds; the whole notebook takes well under a minute.
c.Execute.timeout = 120
# nbgrader scores a test cell that wrote to stderr as failed. TensorFlow's C++ logs go
# straight to the process's stderr; without this the kernel would capture them into
# whichever cell runs first.
c.Execute.extra_arguments = ["--IPKernelApp.capture_fd_output=False"]
