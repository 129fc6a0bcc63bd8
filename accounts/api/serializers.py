from rest_framework import serializers

from accounts.models import RoleAssignment, User


class RoleAssignmentSerializer(serializers.ModelSerializer):
    convention = serializers.SlugRelatedField(slug_field="code", read_only=True)
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["role", "convention", "state"]


class PersonSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "job_title", "preferred_language",
                  "roles"]
