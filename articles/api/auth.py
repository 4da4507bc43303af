"""Getting an API token: POST a username and password, receive a token shown once (stored hashed).

The password check goes through django.contrib.auth.authenticate with the request, so django-axes
counts failures and locks out an account or address exactly as for the admin login (429).
"""
from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox import views as knox_views
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny

from articles.services import two_factor

from .fields import StrictJSON


class TokenLoginSerializer(StrictJSON, serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    otp_token = serializers.CharField(max_length=16, required=False, default="",
                                      help_text="A code from the authenticator app: required for staff when the "
                                                "server requires two-factor login (CLAIMSDB_REQUIRE_2FA).")


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`. Shown once: only its "
                                            "hash is stored.")
    expiry = serializers.DateTimeField(help_text="When the token stops working (CLAIMSDB_API_TOKEN_DAYS).")


class TokenLoginView(knox_views.LoginView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def get_authenticate_header(self, request):
        return "Token"  # a 401 here names the scheme the token it gives is sent with

    @extend_schema(request=TokenLoginSerializer, auth=[], responses={
        200: TokenSerializer,
        400: OpenApiResponse(description="A field missing or malformed."),
        401: OpenApiResponse(description="Wrong username or password, or a missing or wrong two-factor code."),
        429: OpenApiResponse(description="Too many failed logins for this account or address: wait "
                                         "Retry-After seconds."),
    }, description="A new API token for a username and password. Failed logins count towards the same "
                   "lockout as the admin login.")
    def post(self, request, format=None):
        ser = TokenLoginSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        # The Django request: axes reads the address from it and flags a lockout on it (AxesMiddleware
        # then answers 429).
        user = authenticate(request._request, username=ser.validated_data["username"],
                            password=ser.validated_data["password"])
        # Well-formed credentials that do not hold are a 401, as for a wrong token (a 400 is a malformed body).
        if user is None:
            raise AuthenticationFailed("Unable to log in with the username and password given.")
        if two_factor.required_for(user) and not two_factor.verify(user, ser.validated_data["otp_token"]):
            raise AuthenticationFailed("otp_token: A valid code from your enrolled authenticator app is required.")
        request.user = user
        return super().post(request, format)


class TokenLogoutView(knox_views.LogoutView):
    @extend_schema(request=None, responses={204: None}, description="Revoke the token this request carries.")
    def post(self, request, format=None):
        return super().post(request, format)


class TokenLogoutAllView(knox_views.LogoutAllView):
    @extend_schema(request=None, responses={204: None}, description="Revoke every token of the signed-in user.")
    def post(self, request, format=None):
        return super().post(request, format)
