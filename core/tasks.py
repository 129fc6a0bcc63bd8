from celery import shared_task

from .generated import generated_file_build_now


@shared_task(name="isu.core.generated_file_build", time_limit=300, soft_time_limit=270)
def generated_file_build(*, generated_file_id: int) -> None:
    generated_file_build_now(generated_file_id=generated_file_id)
